/** Saves text as a file through the browser's download (both hosts support it). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a large download that the browser has not finished reading.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
