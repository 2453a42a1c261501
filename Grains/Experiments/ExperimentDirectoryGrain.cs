using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Botify.Grains.Experiments;

/// <summary>Answers from the silo's configuration: the experiments, their arms' recommenders and the aggregate's shard count.</summary>
[StatelessWorker]
public sealed class ExperimentDirectoryGrain(ExperimentAssigner experiments, IOptions<BotifyOptions> options) : Grain, IExperimentDirectoryGrain
{
    public Task<ExperimentDirectory> Describe()
    {
        var live = options.Value.LiveExperiments;
        return Task.FromResult(new ExperimentDirectory(experiments.Describe(), live.Enabled ? live.Shards : 0));
    }
}
