// Placeholder until the slice lands.
export default function RegisterScreen() {
  return null;
}
