/** electron-vite builds a module imported with `?modulePath` as a bundle of its own and gives its file path (worker threads). */
declare module '*?modulePath' {
  const path: string;
  export default path;
}
