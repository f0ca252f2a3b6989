// Placeholder until the slice lands.
export default function RegistrationsScreen() {
  return null;
}
