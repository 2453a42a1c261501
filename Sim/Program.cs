using System.CommandLine;
using Botify.Sim.Commands;

var root = new RootCommand("Botify simulator: generate a synthetic world and play listeners against the gateway or in-process policies.");
root.Subcommands.Add(WorldCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
return await root.Parse(args).InvokeAsync();
