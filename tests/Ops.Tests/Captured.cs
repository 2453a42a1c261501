namespace Botify.Ops.Tests;

/// <summary>Real output captured from wrk and the service (tests/Ops.Tests/Captured), copied beside the test binaries.</summary>
internal static class Captured
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captured", name));
}
