// Polling
