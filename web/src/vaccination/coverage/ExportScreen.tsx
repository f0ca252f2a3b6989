// Placeholder until the slice lands.
export default function ExportScreen() {
  return null;
}
