using System.Text.Json.Serialization;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;

namespace Botify.Gateway;

/// <summary>`GET /user/{user}` answer: the user's persisted state, experiment arms and serving recommender.</summary>
public sealed record UserResponse(
    long User,
    int[] History,
    string Method,
    int FailCount,
    [property: JsonConverter(typeof(ExperimentArmsJsonConverter))] ExperimentArm[] Experiments,
    string Recommender);
