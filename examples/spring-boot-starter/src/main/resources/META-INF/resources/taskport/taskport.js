// Taskport task-center widgets. One module script defines them all:
//   <script type="module" src="/taskport/taskport.js"></script>
// <taskport-export>, <taskport-import> and <taskport-tasks> speak only Taskport's REST and SSE API.
import { TaskportExport } from './export.js';
import { TaskportImport } from './import.js';
import { TaskportTasks } from './tasks.js';

const ELEMENTS = {
  'taskport-export': TaskportExport,
  'taskport-import': TaskportImport,
  'taskport-tasks': TaskportTasks,
};

// Defining twice (two script tags, or a bundler and a tag) is harmless.
for (const [name, type] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, type);
}
