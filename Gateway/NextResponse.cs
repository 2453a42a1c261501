namespace Botify.Gateway;

/// <summary>`POST /next/{user}` answer: the recommended track.</summary>
public sealed record NextResponse(int User, int Track);
