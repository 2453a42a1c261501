// Placeholder: the silo host is built under issues 2 and 6.
Console.WriteLine("silo: not built yet");
return 1;
