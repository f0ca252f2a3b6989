// Placeholder until the slice lands.
export default function VaccinationSessionsScreen() {
  return null;
}
