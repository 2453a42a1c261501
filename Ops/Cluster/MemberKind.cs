namespace Botify.Ops.Cluster;

/// <summary>What a cluster member is; decides its marker, port and health check.</summary>
public enum MemberKind
{
    Redis,
    Silo,
    Gateway,
    Nginx,
}
