// Where the sidecar is: FOUNDRYIDE_SERVER_PATH (development) → the packaged native `server/foundry-ide` for this
// platform → the packaged framework-dependent `server/foundry-ide.dll`, run with `dotnet`. Pure: the file system
// and the environment come in as parameters, so that the order is unit-tested.
import * as path from 'node:path';

export const ServerPathVariable = 'FOUNDRYIDE_SERVER_PATH';

/** The VS Code targets a platform-specific package (with its sidecar) is made for (scripts/package-all.sh). */
export const PackagedTargets = ['linux-x64', 'linux-arm64', 'alpine-x64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where it was found: shown in the log, so that "which sidecar is this?" has an answer. */
  source: 'env' | 'native' | 'dotnet';
}

export interface ServerPathInputs {
  extensionPath: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
}

export class ServerNotFoundError extends Error {
  constructor(readonly looked: string[], packaged = true) {
    super(
      `The FoundryIde sidecar was not found. Looked for: ${looked.join(', ')}. ` +
        (packaged ? '' : `Fix ${ServerPathVariable}, or unset it to use the packaged sidecar. `) +
        `A universal package has no sidecar: install the package for your platform ` +
        `(${PackagedTargets.join(', ')}; VS Code picks it from the Marketplace, or \`code --install-extension ` +
        `foundry-ide-<target>-<version>.vsix\`), or build the sidecar (\`npm run build\` in the repository, .NET 10 SDK) ` +
        `and set ${ServerPathVariable} to the foundry-ide binary or foundry-ide.dll.`,
    );
    this.name = 'ServerNotFoundError';
  }
}

/** `foundry-ide` (or `.exe` on Windows): what NativeAOT publishes for the platform the .vsix was built for. */
export function nativeName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'foundry-ide.exe' : 'foundry-ide';
}

function commandFor(file: string, source: ServerCommand['source']): ServerCommand {
  return file.toLowerCase().endsWith('.dll')
    ? { command: 'dotnet', args: [file, 'serve'], source }
    : { command: file, args: ['serve'], source };
}

export function resolveServerCommand(inputs: ServerPathInputs): ServerCommand {
  const looked: string[] = [];
  const fromEnv = inputs.env[ServerPathVariable]?.trim();
  if (fromEnv) {
    if (inputs.exists(fromEnv)) {
      return commandFor(fromEnv, 'env');
    }
    // A development override that points nowhere is a mistake to report, not to paper over with the packaged one.
    throw new ServerNotFoundError([`${ServerPathVariable}=${fromEnv}`], false);
  }
  const native = path.join(inputs.extensionPath, 'server', nativeName(inputs.platform));
  looked.push(native);
  if (inputs.exists(native)) {
    return commandFor(native, 'native');
  }
  const dll = path.join(inputs.extensionPath, 'server', 'foundry-ide.dll');
  looked.push(dll);
  if (inputs.exists(dll)) {
    return commandFor(dll, 'dotnet');
  }
  throw new ServerNotFoundError(looked);
}
