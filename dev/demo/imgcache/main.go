// Command imgcache is a demo Go service for Go Runtime for Kibana: an image cache that keeps
// large byte slices, evicts the oldest past a byte budget, and publishes hit/miss counters.
package main

import (
	"container/list"
	"expvar"
	"flag"
	"math/rand"
	"runtime"
	"time"

	"goruntime.dev/demo/internal/serve"
)

var (
	stats = expvar.NewMap("cache")
)

type entry struct {
	key  int
	data []byte
}

func main() {
	addr := flag.String("addr", "127.0.0.1:6063", "listen address")
	budget := flag.Int("budget-mb", 48, "cache budget in MiB")
	flag.Parse()

	expvar.Publish("NumGoroutine", expvar.Func(func() any { return runtime.NumGoroutine() }))
	expvar.Publish("NumCPU", expvar.Func(func() any { return runtime.NumCPU() }))

	go func() {
		rng := rand.New(rand.NewSource(time.Now().UnixNano()))
		order := list.New()
		index := map[int]*list.Element{}
		size := 0
		for {
			key := rng.Intn(400)
			if el, ok := index[key]; ok {
				order.MoveToFront(el)
				stats.Add("hits", 1)
			} else {
				stats.Add("misses", 1)
				data := make([]byte, 16*1024+rng.Intn(512*1024))
				for i := 0; i < len(data); i += 4096 {
					data[i] = byte(i)
				}
				index[key] = order.PushFront(&entry{key: key, data: data})
				size += len(data)
				for size > *budget*1024*1024 {
					oldest := order.Back()
					e := oldest.Value.(*entry)
					order.Remove(oldest)
					delete(index, e.key)
					size -= len(e.data)
					stats.Add("evictions", 1)
				}
			}
			stats.Set("bytes", intVar(size))
			time.Sleep(time.Duration(2+rng.Intn(6)) * time.Millisecond)
		}
	}()

	serve.Run("imgcache", *addr)
}

func intVar(v int) *expvar.Int {
	i := new(expvar.Int)
	i.Set(int64(v))
	return i
}
