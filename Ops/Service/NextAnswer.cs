namespace Botify.Ops.Service;

/// <summary>`POST /next/{user}` answered 200: the recommended track.</summary>
public sealed record NextAnswer(long User, int Track);
