using System.CommandLine;
using Botify.Lab;

var root = new RootCommand("Botify lab: publish tables to Redis, train recommenders from event logs, analyse A/B experiments.");
root.Subcommands.Add(PublishCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(AbCommand.Create());
return await root.Parse(args).InvokeAsync();
