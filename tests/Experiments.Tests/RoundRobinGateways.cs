using Botify.Sim.Traffic;

namespace Botify.Experiments.Tests;

/// <summary>Several gateways behind one simulator client, taken in turn request by request (nginx's round robin, in the test).</summary>
internal sealed class RoundRobinGateways(IGatewayClient[] gateways) : IGatewayClient
{
    public async Task ProbeAsync(CancellationToken cancellation)
    {
        foreach (var g in gateways) await g.ProbeAsync(cancellation);
    }

    public IGatewayChannel OpenChannel() => new Channel(gateways.Select(g => g.OpenChannel()).ToArray());

    public void Dispose()
    {
        foreach (var g in gateways) g.Dispose();
    }

    private sealed class Channel(IGatewayChannel[] channels) : IGatewayChannel
    {
        private int turn;

        public ValueTask<GatewayReply> NextAsync(int user, int track, double time, CancellationToken cancellation) =>
            channels[turn++ % channels.Length].NextAsync(user, track, time, cancellation);

        public ValueTask<GatewayReply> LastAsync(int user, int track, double time, CancellationToken cancellation) =>
            channels[turn++ % channels.Length].LastAsync(user, track, time, cancellation);

        public void Dispose()
        {
            foreach (var c in channels) c.Dispose();
        }
    }
}
