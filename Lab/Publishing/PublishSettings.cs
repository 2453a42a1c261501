namespace Botify.Lab.Publishing;

/// <summary>What `lab publish` was asked to do (its command-line options).</summary>
public sealed record PublishSettings(string Redis, string Data, int KeepVersions = 3, int MaxLineBytes = 1 << 20, string KeyPrefix = "botify:catalog");
