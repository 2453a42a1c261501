namespace Botify.Ops.Cluster;

/// <summary>DIR/cluster.json: the ports and sizes `up` started the cluster with.</summary>
public sealed record RecordedLayout(int BasePort, int Silos, int Gateways);
