namespace Botify.Grains;

/// <summary>The experiments a silo is configured with and the number of aggregate shards each has (a stateless worker on every silo).</summary>
public interface IExperimentDirectoryGrain : IGrainWithIntegerKey
{
    Task<ExperimentDirectory> Describe();
}
