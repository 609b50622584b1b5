// Test classes run in parallel (the tests within a class one after another): most of the time a test waits on a
// process (the sidecar, az, claude) or on the emulator. A class that changes emulator state has its own emulator
// (TestAzure.StartOwnEmulatorAsync); a class that measures time is [DoNotParallelize].
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.ClassLevel)]
