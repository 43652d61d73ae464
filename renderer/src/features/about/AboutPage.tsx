import { Box, Card, CardContent, CircularProgress, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useApiQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';

/** Versions, mode and data folder. */
export function AboutPage() {
  const info = useApiQuery('app:info', {});
  const store = useApiQuery('secrets:status', {});
  if (info.isPending) return <CircularProgress sx={{ m: 3 }} aria-label="Loading" />;
  if (info.isError) return <ErrorNotice error={info.error} onRetry={() => void info.refetch()} sx={{ m: 3 }} />;
  const rows: Array<[string, string]> = [
    ['Version', info.data.version],
    ['Mode', info.data.mode === 'desktop' ? 'Desktop (Electron)' : 'Serve mode (browser, 127.0.0.1 only)'],
    ['Platform', info.data.platform],
    ['Data folder', info.data.dataDir],
    ['Credential store', store.data ? `${store.data.backend} (${store.data.count} stored)` : '…'],
    ...Object.entries(info.data.versions).map(([k, v]): [string, string] => [k, v]),
  ];
  return (
    <Box sx={{ p: 3, maxWidth: 760 }}>
      <PageHeader
        title="About Engine Console"
        subtitle="Secret Server, Credentials Cache and AWS Secrets Manager for Distributed Engine hosts"
      />
      <Card variant="outlined">
        <CardContent>
          <Table size="small" aria-label="Versions">
            <TableBody>
              {rows.map(([k, v]) => (
                <TableRow key={k}>
                  <TableCell component="th" sx={{ width: 200 }}>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {k}
                    </Typography>
                  </TableCell>
                  <TableCell>{v}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}
