namespace Botify.Gateway;

/// <summary>`POST /last/{user}` answer.</summary>
public sealed record LastResponse(int User);
