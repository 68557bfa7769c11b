import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, buildBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(BRIDGE_KEY, buildBridge(ipcRenderer));
