// Placeholder until the slice lands.
export default function PersonDosesScreen({ id }: { id: string }) {
  return null;
}
