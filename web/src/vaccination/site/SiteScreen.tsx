// Placeholder until the slice lands.
export default function SiteScreen() {
  return null;
}
