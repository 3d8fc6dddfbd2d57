// Preload (sandboxed, bundled to CJS): exposes the typed Lantern bridge as window.lantern, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../../shared/ipc/channels';
import { createBridge } from './create-bridge';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
