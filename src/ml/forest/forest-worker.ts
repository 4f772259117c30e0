/**
 * Worker-thread entry of the {@link ForestPool}: holds the datasets it is sent (views on shared
 * memory, not copies) and runs {@link runForestTask} on request. A task that throws is reported
 * back with the error's class and fields, so the pool can rethrow the same kit error class
 * (ArgumentError, FitError, …) the calling thread would have thrown.
 */
import { parentPort } from "node:worker_threads";
import { type ForestDataset, type ForestTask, runForestTask } from "./forest-task";
import { serializeError } from "./forest-pool";

interface RegisterMessage { kind: "register"; id: string; dataset: ForestDataset }
interface UnregisterMessage { kind: "unregister"; id: string }
interface TaskMessage { kind: "task"; batch: number; index: number; task: ForestTask }

const registry = new Map<string, ForestDataset>();
const port = parentPort;
if (port !== null) {
  port.on("message", (msg: RegisterMessage | UnregisterMessage | TaskMessage) => {
    if (msg.kind === "unregister") {
      registry.delete(msg.id);
      return;
    }
    if (msg.kind === "register") {
      registry.set(msg.id, msg.dataset);
      return;
    }
    try {
      const result = runForestTask(registry, msg.task);
      port.postMessage({ batch: msg.batch, index: msg.index, result });
    } catch (e) {
      port.postMessage({ batch: msg.batch, index: msg.index, error: serializeError(e) });
    }
  });
}
