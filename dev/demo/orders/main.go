// Command orders is a demo Go service for Go Runtime for Kibana: it "processes orders" in
// bursts, keeps a sliding window of recent orders alive (so the live heap rises and falls),
// and publishes a few custom expvar vars next to the runtime's memstats.
package main

import (
	"expvar"
	"flag"
	"math/rand"
	"runtime"
	"sync"
	"time"

	"goruntime.dev/demo/internal/serve"
)

type order struct {
	id      int64
	items   []string
	payload []byte
}

var (
	processed = expvar.NewInt("orders_processed")
	latency   = expvar.NewFloat("order_latency_ms")
	queue     = expvar.NewMap("queue_depth")
)

func main() {
	addr := flag.String("addr", "127.0.0.1:6061", "listen address")
	burst := flag.Int("burst", 150, "orders per burst")
	flag.Parse()

	expvar.Publish("goroutines", expvar.Func(func() any { return runtime.NumGoroutine() }))
	expvar.NewString("version").Set("1.4.2")

	var mu sync.Mutex
	window := make([][]*order, 0, 64)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))

	go func() {
		var next int64
		for tick := 0; ; tick++ {
			start := time.Now()
			// Busier every 30 s, so charts show a rhythm rather than a flat line.
			n := *burst
			if (tick/300)%2 == 1 {
				n *= 3
			}
			batch := make([]*order, 0, n)
			for i := 0; i < n; i++ {
				next++
				o := &order{id: next, payload: make([]byte, 256+rng.Intn(4096))}
				for j := 0; j < 1+rng.Intn(5); j++ {
					o.items = append(o.items, "sku-"+time.Now().Format("150405"))
				}
				batch = append(batch, o)
			}
			mu.Lock()
			window = append(window, batch)
			if len(window) > 40+rng.Intn(40) {
				window = window[len(window)/2:]
			}
			mu.Unlock()
			processed.Add(int64(n))
			latency.Set(float64(time.Since(start).Microseconds()) / 1000)
			queue.Add("high", int64(rng.Intn(5)-2))
			queue.Add("low", int64(rng.Intn(9)-4))
			time.Sleep(100 * time.Millisecond)
		}
	}()

	serve.Run("orders", *addr)
}
