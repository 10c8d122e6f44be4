-- CreateTable
CREATE TABLE "OutboxJob" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replace" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "claimedUntil" TIMESTAMPTZ(3),
    "publishAttempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxJob_publishedAt_createdAt_idx" ON "OutboxJob"("publishedAt", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxJob_doneAt_publishedAt_idx" ON "OutboxJob"("doneAt", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxJob_queue_jobId_key" ON "OutboxJob"("queue", "jobId");
