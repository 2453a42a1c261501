namespace Botify.Gateway;

/// <summary>`GET /` answer, as the reference service.</summary>
public sealed record AliveResponse(string Status, string Message);
