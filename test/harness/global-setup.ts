import { missingPythonToolsMessage } from './python-tools';

/**
 * jest `globalSetup`: runs once before any test file. Without the Python
 * proof tools the run stops here with one message naming the command that
 * installs them (the gates that use them are never skipped).
 */
export default function globalSetup(): void {
  const message = missingPythonToolsMessage();
  if (message !== undefined) {
    throw new Error(message);
  }
}
