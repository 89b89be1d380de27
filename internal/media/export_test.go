package media

// PeakDecodeReserved is the most of the decode budget that the service's
// decodes have held at once.
func PeakDecodeReserved(s *Service) int64 { return s.peakReserved.Load() }
