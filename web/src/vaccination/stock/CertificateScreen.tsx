// Placeholder until the slice lands.
export default function CertificateScreen() {
  return null;
}
