using FoundryIde.Emulator;

return await EmulatorCli.RunAsync(args);
