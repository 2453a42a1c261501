using System.Text.Json;
using System.Text.Json.Serialization;
using Botify.Contracts.Experiments;

namespace Botify.Contracts.EventLog;

/// <summary>Writes experiment arms as the reference service does: one object `{"SESSION":"T1", ...}`.</summary>
public sealed class ExperimentArmsJsonConverter : JsonConverter<ExperimentArm[]>
{
    public override ExperimentArm[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("experiments must be an object {name: arm}");
        var arms = new List<ExperimentArm>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            arms.Add(new ExperimentArm(name, reader.GetString() ?? ""));
        }
        return arms.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, ExperimentArm[] value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var arm in value)
        {
            writer.WriteString(arm.Experiment, arm.Arm);
        }
        writer.WriteEndObject();
    }
}
