namespace Botify.Grains;

/// <summary>The grain storage that holds every user's state (Redis when configured, memory otherwise).</summary>
public static class UserStorage
{
    /// <summary>Name of the grain storage provider <see cref="UserGrain"/> persists to.</summary>
    public const string Name = "users";
}
