// Placeholder until the slice lands.
export default function CoverageScreen() {
  return null;
}
