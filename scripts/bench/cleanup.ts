import { describe } from "./outcome";

type Task = () => Promise<void>;

const pending: Task[] = [];

/** Registers a teardown step; steps run in reverse order of registration. */
export function defer(task: Task): void {
  pending.push(task);
}

export async function cleanUp(): Promise<void> {
  for (let task = pending.pop(); task; task = pending.pop()) {
    try {
      await task();
    } catch (error) {
      console.error(`Cleanup step failed: ${describe(error)}`);
    }
  }
}
