// The suites run on Linux only: they use network namespaces (unshare), bash and the Debian Azure CLI.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
