using System.CommandLine;

namespace Botify.Lab;

/// <summary>`lab train`: placeholder until its issue lands.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("train: not built yet");
            return 1;
        });
        return command;
    }
}
