using System.Diagnostics.Metrics;
using Botify.Grains;

namespace Botify.Hosting;

/// <summary>
/// The silo's own count of user-grain activations: Orleans' `orleans-catalog-activations` gauge, which reports one measurement per
/// grain type (tag <c>grain_type</c>), read on demand for `/health` and summed for the user grain type.
/// </summary>
public sealed class ActivationGauge : IDisposable
{
    /// <summary>Orleans' meter and its activation-count instrument.</summary>
    public const string MeterName = "Microsoft.Orleans";

    public const string InstrumentName = "orleans-catalog-activations";

    private const string GrainTypeTag = "grain_type";

    private readonly MeterListener listener = new();
    private readonly Lock reading = new();
    private long users;
    private bool seen;

    public ActivationGauge()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, tags, _) =>
        {
            seen = true;
            foreach (var tag in tags)
            {
                if (tag.Key == GrainTypeTag && tag.Value is string type && type == UserGrain.TypeName) users += measurement;
            }
        });
        listener.Start();
    }

    /// <summary>User-grain activations in this process's silo now; null before the silo has registered its gauge.</summary>
    public int? Read()
    {
        lock (reading)
        {
            users = 0;
            seen = false;
            // The callbacks run synchronously inside this call, one per grain type.
            listener.RecordObservableInstruments();
            return seen ? (int)users : null;
        }
    }

    public void Dispose() => listener.Dispose();
}
