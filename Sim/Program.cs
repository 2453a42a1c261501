// Placeholder: the simulator is built under issue 3.
Console.WriteLine("sim: not built yet");
return 1;
