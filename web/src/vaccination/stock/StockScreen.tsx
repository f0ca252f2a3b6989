// Placeholder until the slice lands.
export default function StockScreen() {
  return null;
}
