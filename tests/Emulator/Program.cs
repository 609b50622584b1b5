// Placeholder entry point; the emulator is being written.
return 0;
