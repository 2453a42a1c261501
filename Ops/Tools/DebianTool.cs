namespace Botify.Ops.Tools;

/// <summary>A program the command needs and the Debian package that brings it.</summary>
public sealed record DebianTool(string Command, string Package)
{
    public static readonly DebianTool RedisServer = new(DebianTools.RedisServer, "redis-server");
    public static readonly DebianTool Nginx = new("nginx", "nginx-light");
    public static readonly DebianTool Wrk = new("wrk", "wrk");
}
