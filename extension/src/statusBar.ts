import * as vscode from 'vscode';
import { StatusInputs, statusView } from './statusModel';

/** The one status bar item; `update` re-renders it from the pure `statusView`. */
export class FoundryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('foundryIde.status', vscode.StatusBarAlignment.Left, 50);
  private inputs: StatusInputs = { sidecar: 'stopped' };

  constructor() {
    this.item.name = vscode.l10n.t('Foundry');
    this.render();
    this.item.show();
  }

  update(change: Partial<StatusInputs>): void {
    this.inputs = { ...this.inputs, ...change };
    this.render();
  }

  get current(): StatusInputs {
    return this.inputs;
  }

  private render(): void {
    const view = statusView(this.inputs, vscode.l10n.t);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command;
    this.item.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}
