using System.CommandLine;

namespace Botify.Lab;

/// <summary>`lab ab`: placeholder until its issue lands.</summary>
public static class AbCommand
{
    public static Command Create()
    {
        var command = new Command("ab", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("ab: not built yet");
            return 1;
        });
        return command;
    }
}
