import { Alert, AlertTitle, Box, Typography } from '@mui/material';

/** What a screen that is not built yet shows: the plain truth, no fake data. */
export function NotYetBuilt({ title, purpose }: { title: string; purpose: string }) {
  return (
    <Box sx={{ p: 3, maxWidth: 760 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {title}
      </Typography>
      <Alert severity="info" variant="outlined">
        <AlertTitle>Not built yet</AlertTitle>
        {purpose} This screen is not available in this version of Engine Console.
      </Alert>
    </Box>
  );
}
