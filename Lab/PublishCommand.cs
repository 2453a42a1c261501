using System.CommandLine;

namespace Botify.Lab;

/// <summary>`lab publish`: placeholder until its issue lands.</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var command = new Command("publish", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("publish: not built yet");
            return 1;
        });
        return command;
    }
}
