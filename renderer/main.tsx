// Renderer entry point (Electron window or browser mode).
import './styles/app.css';
import { start } from './app/start';

const root = document.getElementById('root');
if (root) void start(root);
