/**
 * Worker-thread entry of the {@link ForestPool}: holds the datasets and fitted forests it is sent
 * (views on shared memory, not copies) and runs {@link runForestTask} (train and predict) or
 * {@link runForestPredictTask} (predict with a registered forest) on request. A task that throws is reported
 * back with the error's class and fields, so the pool can rethrow the same kit error class
 * (ArgumentError, FitError, …) the calling thread would have thrown.
 */
import { parentPort } from "node:worker_threads";
import { type ForestDataset, type ForestPredictTask, type ForestTask, runForestPredictTask, runForestTask } from "./forest-task";
import { serializeError } from "./forest-pool";
import { Forest, type ForestParts } from "./forest";

interface RegisterMessage { kind: "register"; id: string; dataset: ForestDataset }
interface UnregisterMessage { kind: "unregister"; id: string }
interface TaskMessage { kind: "task"; batch: number; index: number; task: ForestTask }
interface ModelMessage { kind: "model"; id: string; parts: ForestParts }
interface UnmodelMessage { kind: "unmodel"; id: string }
interface PredictMessage { kind: "predict"; batch: number; index: number; task: ForestPredictTask }

const registry = new Map<string, ForestDataset>();
const models = new Map<string, Forest>();
const port = parentPort;
if (port !== null) {
  port.on("message", (msg: RegisterMessage | UnregisterMessage | TaskMessage | ModelMessage | UnmodelMessage | PredictMessage) => {
    if (msg.kind === "unregister") {
      registry.delete(msg.id);
      return;
    }
    if (msg.kind === "register") {
      registry.set(msg.id, msg.dataset);
      return;
    }
    if (msg.kind === "model") {
      models.set(msg.id, new Forest(msg.parts));
      return;
    }
    if (msg.kind === "unmodel") {
      models.delete(msg.id);
      return;
    }
    try {
      const result = msg.kind === "predict" ? runForestPredictTask(models, registry, msg.task) : runForestTask(registry, msg.task);
      port.postMessage({ batch: msg.batch, index: msg.index, result });
    } catch (e) {
      port.postMessage({ batch: msg.batch, index: msg.index, error: serializeError(e) });
    }
  });
}
